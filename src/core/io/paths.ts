/** Path containment, shared by the engine's workspace check and the extension's. */
import * as fs from 'fs';
import * as path from 'path';

/** Whether `file` is `folder` itself or lies below it (lexically: `..x` is a name, `../x` is not). */
export function isInside(folder: string, file: string): boolean {
  const rel = path.relative(path.resolve(folder), path.resolve(file));
  return !(rel === '..' || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel));
}

/**
 * As `isInside`, and where both exist, also after resolving symbolic links: a link inside the
 * workspace that points outside it does not make the target a workspace file.
 */
export function isInsideReal(folder: string, file: string): boolean {
  if (!isInside(folder, file)) return false;
  try {
    return isInside(fs.realpathSync.native(folder), fs.realpathSync.native(file));
  } catch {
    return true; // a file that does not exist (yet) is judged by its path; reading it fails later with its own message
  }
}
