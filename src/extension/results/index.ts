/**
 * The results panel, host side. Wiring (in activate / the fit command):
 *
 *   const results = new ResultsPanels({ extensionUri: context.extensionUri, log: (m) => output.appendLine(m),
 *     refit: (uri) => vscode.commands.executeCommand(FIT_COMMAND, uri) });
 *   context.subscriptions.push(results);
 *   // before a fit:  results.setStatus(specUri, 'fitting');
 *   // after a fit:   if (outcome.result) await results.showFit(specUri, outcome.result, { rootDir });
 *   //                else results.setStatus(specUri, 'failed', firstError);
 */
export { ResultsPanel, ResultsPanels, RESULTS_VIEW_TYPE, type ResultsExtras, type ResultsPanelHost } from './resultsPanel';
export { buildMapData, loadPanelData, mapGeometrySource, moranI, spatialLag, type PanelData, type PanelDataOptions } from './mapData';
export { resultsHtml, resultsCsp, newNonce } from './html';
