/** Command ids, as contributed in package.json. */
export const FIT_COMMAND = 'sarStudio.fit';
export const SHOW_OUTPUT_COMMAND = 'sarStudio.showOutput';
export const OPEN_SPEC_EDITOR_COMMAND = 'sarStudio.openSpecEditor';
export const SHOW_RESULTS_COMMAND = 'sarStudio.showResults';
export const NEW_MODEL_COMMAND = 'sarStudio.newModelFromCsv';
export const EXPORT_RESULTS_COMMAND = 'sarStudio.exportResults';
export const ADD_COLUMNS_COMMAND = 'sarStudio.addResultColumns';
export const COMPARE_COMMAND = 'sarStudio.compare';
