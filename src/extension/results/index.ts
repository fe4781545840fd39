/** The results panel, host side (resultsPanel.ts), as the rest of the extension uses it. */
export { ResultsPanels, type ResultsExtras, type ResultsPanelHost } from './resultsPanel';
