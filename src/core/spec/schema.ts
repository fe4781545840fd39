/**
 * The `.sar.json` spec's fields, declared once: the parser validates against this (types, ranges,
 * unknown keys at every level with "did you mean"), and `jsonSchema.ts` turns it into
 * `media/sar-spec.schema.json` for the text editor's completion. Cross-field rules (a regressor
 * listed twice, `lagX` naming a regressor) live in `parse.ts`.
 */
import type { DistanceMetric, KernelFunction, LogDetMethod, ModelType, SeMethod, WeightsStyle } from './types';

export type FieldSchema =
  | { kind: 'string'; description?: string; role?: 'path' | 'column' | 'term' }
  | { kind: 'boolean'; default: boolean; description?: string }
  | { kind: 'number'; integer?: boolean; min?: number; max?: number; exclusiveMin?: number; default?: number; what: string; description?: string }
  | { kind: 'enum'; values: readonly (string | number)[]; descriptions?: readonly string[]; default?: string | number; description?: string }
  | { kind: 'array'; items: FieldSchema; minItems?: number; maxItems?: number; what: string; description?: string }
  | ObjectSchema
  | TaggedSchema
  | { kind: 'either'; options: readonly FieldSchema[]; what: string; description?: string };

export interface ObjectSchema {
  kind: 'object';
  properties: Readonly<Record<string, FieldSchema>>;
  required?: readonly string[];
  description?: string;
}

/** An object whose `type` field picks which other fields it may have (the weights). */
export interface TaggedSchema {
  kind: 'tagged';
  common: Readonly<Record<string, FieldSchema>>;
  variants: Readonly<Record<string, { description: string; properties: Readonly<Record<string, FieldSchema>>; required: readonly string[] }>>;
  description?: string;
}

/** One line per model: what it assumes (the spec editor's dropdown and the schema show them). */
export const MODEL_INFO: Readonly<Record<ModelType, string>> = {
  lag: 'spatial lag (SAR): y = ρWy + Xβ + ε — outcomes spill over to neighbours',
  error: 'spatial error (SEM): y = Xβ + u, u = λWu + ε — only unobserved shocks are spatially correlated',
  durbin: 'spatial Durbin (SDM): y = ρWy + Xβ + WXθ + ε — outcomes and neighbours’ regressors spill over',
  sdem: 'spatial Durbin error (SDEM): y = Xβ + WXθ + u, u = λWu + ε — local spillovers of regressors, correlated shocks',
  slx: 'spatial lag of X (SLX): y = Xβ + WXθ + ε — neighbours’ regressors matter, no feedback (OLS)',
  sac: 'SAC / SARAR: y = ρWy + Xβ + u, u = λWu + ε — spillovers and correlated shocks',
  gns: 'general nesting (GNS): y = ρWy + Xβ + WXθ + u, u = λWu + ε — nests all the others',
  ols: 'ordinary least squares: y = Xβ + ε — no spatial term',
};

/** The values each enum field accepts (exported: the spec editor validates its form edits with them). */
export const MODELS = Object.keys(MODEL_INFO) as readonly ModelType[];
export const LOGDETS: readonly LogDetMethod[] = ['auto', 'eigen', 'sparse', 'chebyshev', 'mc'];
export const SES: readonly SeMethod[] = ['asymptotic', 'hessian'];
export const STYLES: readonly WeightsStyle[] = ['W', 'B', 'C', 'U', 'S'];
export const DISTANCES: readonly DistanceMetric[] = ['euclidean', 'greatCircle'];
export const KERNELS: readonly KernelFunction[] = ['triangular', 'uniform', 'quadratic', 'quartic', 'gaussian'];
export const WEIGHT_TYPES = ['gal', 'gwt', 'knn', 'distance', 'contiguity', 'kernel'] as const;
/** The impacts simulation's largest number of draws (the CLI's --draws shares it). */
/** Models with spatially lagged regressors WX, which `lagX` selects. */
export const DURBIN_MODELS: readonly ModelType[] = ['durbin', 'sdem', 'slx', 'gns'];
/** The impacts simulation's largest number of draws (the CLI's --draws shares it). */
export const MAX_DRAWS = 100_000;

const column = (description: string): FieldSchema => ({ kind: 'string', role: 'column', description });
const path = (description: string): FieldSchema => ({ kind: 'string', role: 'path', description });
const coordinates: FieldSchema = { kind: 'array', items: column('A coordinate column.'), minItems: 2, maxItems: 2, what: 'an array of two column names', description: 'The two coordinate columns: [x, y] or [longitude, latitude].' };
const distance: FieldSchema = {
  kind: 'enum', values: DISTANCES, default: 'euclidean',
  descriptions: ['planar distance in coordinate units', 'great-circle distance in km, coordinates as longitude/latitude in degrees'],
};
const order: FieldSchema = { kind: 'number', integer: true, min: 1, max: 10, default: 1, what: 'an integer from 1 to 10', description: 'Neighbours of order k: neighbours of neighbours for 2 (spdep nblag).' };
const cumulative: FieldSchema = { kind: 'boolean', default: false, description: 'With order > 1: include the lower orders too (spdep nblag_cumul); otherwise only order k exactly.' };
const k = (description: string): FieldSchema => ({ kind: 'number', integer: true, min: 1, what: 'a positive integer', description });

export const WEIGHTS_SCHEMA: TaggedSchema = {
  kind: 'tagged',
  description: 'The spatial weights matrix W.',
  common: {
    style: { kind: 'enum', values: STYLES, default: 'W', description: "Weights style, as spdep's nb2listw.", descriptions: ['row-standardised (default)', 'binary', 'globally standardised', 'C divided by the number of neighbours', 'variance-stabilising'] },
    allowIslands: { kind: 'boolean', default: false, description: "Allow observations without neighbours (spdep's zero.policy). Otherwise an island is an error." },
    idColumn: column("The column holding each observation's id: matched to the ids of a GAL/GWT file or a geometry, and used as the observations' labels (default: row numbers 1..n)."),
  },
  variants: {
    gal: { description: 'GeoDa GAL neighbour file', properties: { path: path('The GAL file.'), order, cumulative }, required: ['path'] },
    gwt: { description: 'GeoDa GWT weights file', properties: { path: path('The GWT file.') }, required: ['path'] },
    knn: {
      description: 'k nearest neighbours of coordinates',
      properties: {
        k: k('Number of nearest neighbours.'), coordinates, distance,
        symmetric: { kind: 'boolean', default: false, description: "i and j are neighbours if either is among the other's k nearest (spdep make.sym.nb)." },
        order, cumulative,
      },
      required: ['k', 'coordinates'],
    },
    distance: {
      description: 'neighbours within a distance of coordinates',
      properties: {
        threshold: {
          kind: 'either', what: 'a positive number or "minimum"',
          description: 'Neighbours are this close or closer (coordinate units, or km for great-circle distance); "minimum": the smallest threshold that gives every observation a neighbour.',
          options: [{ kind: 'number', exclusiveMin: 0, what: 'a positive number' }, { kind: 'enum', values: ['minimum'] }],
        },
        coordinates, distance,
        inversePower: { kind: 'enum', values: [0, 1, 2], default: 0, description: 'Weights 1/d^p: 0 binary, 1 inverse distance, 2 inverse squared distance.' },
        order, cumulative,
      },
      required: ['threshold', 'coordinates'],
    },
    contiguity: {
      description: 'polygons sharing a border (queen) or an edge (rook)',
      properties: {
        geometry: path('A GeoJSON file of (multi)polygons.'),
        criterion: { kind: 'enum', values: ['queen', 'rook'], default: 'queen', descriptions: ['a shared point is enough', 'a shared edge is needed'] },
        idProperty: { kind: 'string', description: 'The feature property holding the id (default: feature order).' },
        order, cumulative,
      },
      required: ['geometry'],
    },
    kernel: {
      description: 'kernel weights of coordinates (libpysal Kernel, GeoDa)',
      properties: {
        coordinates, distance,
        function: { kind: 'enum', values: KERNELS, default: 'triangular', descriptions: ['1 − z', '1/2', 'Epanechnikov: 3/4 (1 − z²)', '15/16 (1 − z²)²', 'exp(−z²/2)/√(2π)'] },
        bandwidth: {
          kind: 'either', what: 'a positive number, "fixed" or "adaptive"',
          description: 'A fixed bandwidth in coordinate units (km for great-circle); "fixed": the largest distance of an observation to its k-th neighbour; "adaptive": each observation its own k-th-neighbour distance.',
          options: [{ kind: 'number', exclusiveMin: 0, what: 'a positive number' }, { kind: 'enum', values: ['fixed', 'adaptive'] }],
        },
        k: k('Neighbours that set the bandwidth ("fixed" or "adaptive").'),
        diagonal: { kind: 'enum', values: ['kernel', 'one'], default: 'kernel', descriptions: ['w_ii = K(0), as libpysal', 'w_ii = 1 (GeoDa option)'] },
      },
      required: ['coordinates'],
    },
  },
};

/** A regressor or dependent variable: a column, or log(x), sqrt(x), x^2 / I(x^2), scale(x) of one. */
const term = (description: string): FieldSchema => ({ kind: 'string', role: 'term', description });

export const SPEC_SCHEMA: ObjectSchema = {
  kind: 'object',
  description: 'A spatial regression model: the data, the variables, the spatial weights and the estimation options. Paths are relative to the spec file.',
  required: ['data', 'dependent', 'independent', 'weights'],
  properties: {
    $schema: { kind: 'string' },
    title: { kind: 'string', description: 'A title for reports.' },
    description: { kind: 'string' },
    data: path('The data: a CSV file with a header row (comma, semicolon or tab; UTF-8).'),
    dependent: term('The dependent variable y: a numeric column, or log(x), sqrt(x), x^2, scale(x) of one.'),
    independent: { kind: 'array', items: term('A regressor: a numeric column, or log(x), sqrt(x), x^2, scale(x) of one.'), what: 'an array of column names', description: 'The regressors. An intercept is added unless "intercept": false.' },
    intercept: { kind: 'boolean', default: true, description: 'Add an intercept (constant) to the regressors.' },
    lagX: {
      kind: 'array', items: term('A regressor (as written in "independent").'), minItems: 1, what: 'a non-empty array of regressors',
      description: 'Which regressors get a spatial lag WX in the Durbin-type models (durbin, sdem, slx, gns); default all. As spatialreg\'s Durbin = ~ x and spreg\'s slx_vars.',
    },
    model: { kind: 'enum', values: MODELS, default: 'lag', description: 'The model.', descriptions: MODELS.map((m) => MODEL_INFO[m]) },
    logdet: {
      kind: 'enum', values: LOGDETS, default: 'auto', description: 'How log|I − ρW| is computed.',
      descriptions: ['chosen by size', 'eigenvalues (exact; small n)', 'sparse Cholesky/LU (exact)', 'Chebyshev approximation', 'Monte Carlo approximation'],
    },
    se: { kind: 'enum', values: SES, default: 'asymptotic', description: 'Standard errors of the estimates.', descriptions: ['analytical asymptotic covariance', 'numerical Hessian of the log-likelihood'] },
    weights: WEIGHTS_SCHEMA,
    geometry: {
      kind: 'either', what: 'a GeoJSON path or {"path", "idProperty", "idColumn"}',
      description: 'Shapes for the maps: a GeoJSON path, or an object with the join.',
      options: [
        path('A GeoJSON file.'),
        {
          kind: 'object', required: ['path'],
          properties: {
            path: path('A GeoJSON file.'),
            idProperty: { kind: 'string', description: 'The feature property holding the id.' },
            idColumn: column('The data column matched to idProperty.'),
          },
        },
      ],
    },
    impacts: {
      kind: 'object',
      description: 'Simulated inference for the impacts (direct, indirect, total).',
      properties: {
        draws: { kind: 'number', integer: true, min: 0, max: MAX_DRAWS, default: 1000, what: `an integer from 0 to ${MAX_DRAWS}`, description: 'Number of simulation draws (0 = none).' },
        seed: { kind: 'number', integer: true, default: 1, what: 'an integer', description: 'Random seed.' },
      },
    },
  },
};
