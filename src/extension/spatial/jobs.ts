/**
 * The jobs of the spatial worker and their answers (plain structured-clone data), and the one
 * function that runs a job — in the worker, or on the caller's thread when the worker bundle is
 * missing (tests under tsc). No `vscode` import.
 */
import type { LocalVariableChoice, ShowLocalMessage, ShowWeightsMessage } from '../../protocol';
import type { Problem } from '../../core/problems';
import { runWeightsReport } from '../../core/explore/run';
import type { WeightsFileFormat } from '../../core/io/writeWeights';
import { buildLocalMessage, buildWeightsMessage, type LocalRequestOptions } from './views';

export interface SpatialJobOptions {
  /** Files the spec names must lie inside this folder (the workspace folder). */
  rootDir?: string;
  /** Unsaved editor text by absolute path. */
  overrides?: [string, string][];
}

export type SpatialJob =
  | { type: 'weights'; id: number; specPath: string; options: SpatialJobOptions }
  | { type: 'local'; id: number; specPath: string; options: SpatialJobOptions; choice: LocalVariableChoice; request: LocalRequestOptions }
  /** The weights as a GAL or GWT file's text (`file` names it in problems and the header). */
  | { type: 'weightsFile'; id: number; specPath: string; options: SpatialJobOptions; format: WeightsFileFormat; file: string };

export interface SpatialJobAnswer {
  id: number;
  message?: ShowWeightsMessage | ShowLocalMessage;
  /** weightsFile: the file's text. */
  text?: string;
  problems: Problem[];
  /** An unexpected exception (a bug): its stack. */
  failed?: string;
  ms: number;
}

export async function runSpatialJob(job: SpatialJob): Promise<Omit<SpatialJobAnswer, 'id' | 'ms'>> {
  const options = { rootDir: job.options.rootDir, overrides: job.options.overrides ? new Map(job.options.overrides) : undefined };
  switch (job.type) {
    case 'weights':
      return buildWeightsMessage(job.specPath, options);
    case 'local':
      return buildLocalMessage(job.specPath, job.choice, job.request, options);
    case 'weightsFile': {
      const out = await runWeightsReport(job.specPath, { ...options, save: { format: job.format, file: job.file } });
      return { text: out.report?.file?.text, problems: [...out.problems, ...(out.report?.file?.warnings ?? [])] };
    }
  }
}
