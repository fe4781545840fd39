/**
 * Problems collected while reading input (the spec's JSON, CSV, GAL, GWT, GeoJSON, weights), at
 * most `MAX_PROBLEMS` of each kind (code): a header of 500,000 duplicate names gives 20 lines and
 * one "… and 499,980 more", not 500,000 lines. The cap applies where problems are made, so that
 * nothing builds a message or a location for the ones left out.
 */
import { MAX_PROBLEMS } from '../limits';
import { ProblemError, type Problem } from '../problems';

/** How every "… and N more" line begins. */
const SUMMARY = '… and ';

interface Kind {
  count: number;
  /** The first problem left out: the "… and N more" line points at it. */
  next?: Problem;
  /** Names the kind in the "… and N more" line, e.g. (n) => `${n} more duplicate column names`. */
  more: (n: number) => string;
}

export class ProblemList {
  readonly items: Problem[] = [];
  private readonly kinds = new Map<string, Kind>();

  constructor(private readonly max = MAX_PROBLEMS) {}

  /**
   * Adds the problem `make()` builds unless `max` problems of `code` are listed already (then only
   * counts it). `more(n)` words the line that stands for the n left out.
   */
  add(code: string, make: () => Problem, more: (n: number) => string = (n) => `${n} more problems like these`): void {
    let kind = this.kinds.get(code);
    if (!kind) this.kinds.set(code, (kind = { count: 0, more }));
    kind.count++;
    if (kind.count <= this.max) this.items.push(make());
    else if (kind.count === this.max + 1) kind.next = make();
  }

  /** Problems of `code` seen so far, listed or not. */
  count(code: string): number {
    return this.kinds.get(code)?.count ?? 0;
  }

  /** Whether any problem was added. */
  get any(): boolean {
    return this.items.length > 0;
  }

  /** The listed problems, each capped kind followed by its "… and N more" line. */
  finish(): Problem[] {
    const out: Problem[] = [];
    const pending = new Map<string, Kind>();
    for (const [code, kind] of this.kinds) if (kind.next) pending.set(code, kind);
    const seen = new Map<string, number>();
    for (const p of this.items) {
      out.push(p);
      const code = p.code ?? '';
      const listed = (seen.get(code) ?? 0) + 1;
      seen.set(code, listed);
      const kind = pending.get(code);
      if (kind?.next && listed === this.max) out.push(summary(kind, this.max));
    }
    return out;
  }

  /** Throws the problems as a ProblemError when there are any. */
  throwIfAny(): void {
    if (this.any) throw new ProblemError(this.finish());
  }
}

function summary(kind: Kind, listed: number): Problem {
  const next = kind.next!;
  return { ...next, message: `${SUMMARY}${kind.more(kind.count - listed)}`, suggestion: undefined };
}

/**
 * The same cap applied to a finished list (problems of any stage, as a last line of defence):
 * the first `max` of each code, then one "… and N more" line per code.
 */
export function capEachKind(problems: readonly Problem[], max = MAX_PROBLEMS): Problem[] {
  const list = new ProblemList(max);
  // A stage's own "… and N more" line passes as it is (a kind of its own).
  problems.forEach((p, k) => list.add(p.message.startsWith(SUMMARY) ? `${SUMMARY}${k}` : p.code ?? '', () => p,
    (n) => `${n} more problems like the ones above (${p.code ?? 'same kind'})`));
  return list.finish();
}
