/**
 * Validation without fitting, for the editor as the user types.
 */
import * as path from 'path';
import { info, ProblemError, type Problem } from './problems';
import { checkColumns, parseSpec } from './spec/parse';
import { parseCsv } from './io/csv';
import { displayPath, MAX_HEAD_BYTES, readHead, resolveInside, statFile, type InputOptions } from './input/files';
import { placeProblems } from './input/place';
import { geometryWarning, loadModelData } from './input/specData';

/**
 * Validation without fitting, for the editor as the user types: the spec, the files it
 * names, the columns and the model columns' cells. Problems only; never throws for bad input.
 */
export async function validateSpecText(text: string, specPath: string, options: InputOptions = {}): Promise<Problem[]> {
  const parsed = parseSpec(text, specPath);
  if (!parsed.spec) return placeProblems(parsed.problems, specPath, parsed);
  const spec = parsed.spec;
  const problems: Problem[] = [];
  const collect = async (check: () => Promise<unknown>) => {
    try {
      await check();
    } catch (e) {
      if (!(e instanceof ProblemError)) throw e;
      problems.push(...e.problems);
    }
  };
  await collect(async () => {
    const dataPath = resolveInside(path.dirname(specPath), spec.data, options.rootDir, { file: specPath, range: parsed.locate('data') });
    const limit = options.cellCheckLimitBytes;
    const size = limit === undefined || options.overrides?.has(dataPath) ? 0 : (await statFile(dataPath, specPath, parsed.locate('data'))).size;
    if (limit === undefined || size <= limit) {
      await loadModelData(spec, specPath, parsed, options);
      return;
    }
    const head = await readHead(dataPath, displayPath(dataPath));
    const megabytes = `${path.basename(dataPath)} is ${(size / 2 ** 20).toFixed(0)} MB`;
    if (head === undefined) {
      problems.push(info(`${megabytes} and its first line is longer than ${MAX_HEAD_BYTES / 2 ** 20} MB: its columns and cells are checked when the model is fitted, not as you type`, specPath, parsed.locate('data'), 'large-data'));
      return;
    }
    const columnProblems = checkColumns(spec, parsed, parseCsv(head, displayPath(dataPath)).columns, specPath);
    if (columnProblems.length) throw new ProblemError(columnProblems);
    problems.push(info(`${megabytes}: its cells are checked when the model is fitted, not as you type`, specPath, parsed.locate('data'), 'large-data'));
  });
  const w = spec.weights;
  const files: [string, string][] = [];
  if (w.type === 'gal' || w.type === 'gwt') files.push([w.path, 'weights.path']);
  if (w.type === 'contiguity') files.push([w.geometry, 'weights.geometry']);
  if (spec.geometry) files.push([spec.geometry.path, 'geometry.path']);
  for (const [rel, jsonPath] of files) {
    const range = parsed.locate(jsonPath) ?? parsed.locate(jsonPath.split('.')[0]);
    const found: Problem[] = [];
    await collect(async () => {
      try {
        const abs = resolveInside(path.dirname(specPath), rel, options.rootDir, { file: specPath, range });
        if (!options.overrides?.has(abs)) await statFile(abs, specPath, range);
      } catch (e) {
        // The map's geometry is optional for the fit: a warning, as when fitting.
        if (!(e instanceof ProblemError) || jsonPath !== 'geometry.path') throw e;
        found.push(geometryWarning(e.problems, specPath, range));
      }
    });
    problems.push(...found);
  }
  return placeProblems(problems, specPath, parsed);
}
