/** Suggested export file names that the protocol's validator accepts (a plain base name, safe characters only). */
export function safeFileName(stem: string, ext: string): string {
  let s = stem.replace(/[^A-Za-z0-9 _.()+-]+/g, '-').replace(/\.{2,}/g, '.').replace(/^[^A-Za-z0-9_(]+/, '');
  s = s.slice(0, 100).replace(/[. ]+$/, '') || 'results';
  return `${s}${ext}`;
}

