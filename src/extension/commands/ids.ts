/** Command ids, as contributed in package.json. */
export const FIT_COMMAND = 'sarStudio.fit';
export const SHOW_OUTPUT_COMMAND = 'sarStudio.showOutput';
export const OPEN_SPEC_EDITOR_COMMAND = 'sarStudio.openSpecEditor';
