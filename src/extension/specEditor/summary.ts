/**
 * What the placeholder spec editor shows: the model read from the document text, tolerant of
 * half-typed JSON (jsonc-parser). Pure: no `vscode` import, so it can be unit-tested.
 */
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';

export interface SpecSummary {
  /** Set when the text is not a JSON object. */
  error?: string;
  dependent?: string;
  independent: string[];
  weightsType?: string;
  model?: string;
  data?: string;
}

export function summarizeSpecText(text: string): SpecSummary {
  const errors: ParseError[] = [];
  const value: unknown = parse(text, errors, { allowTrailingComma: true, disallowComments: false });
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { error: errors.length > 0 ? `Invalid JSON: ${printParseErrorCode(errors[0].error)}` : 'The spec must be a JSON object.', independent: [] };
  }
  const o = value as Record<string, unknown>;
  const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
  const weights = typeof o.weights === 'object' && o.weights !== null ? (o.weights as Record<string, unknown>) : {};
  return {
    error: errors.length > 0 ? `Invalid JSON: ${printParseErrorCode(errors[0].error)}` : undefined,
    dependent: str(o.dependent),
    independent: Array.isArray(o.independent) ? o.independent.filter((x): x is string => typeof x === 'string') : [],
    weightsType: str(weights.type),
    model: str(o.model) ?? 'lag',
    data: str(o.data),
  };
}
