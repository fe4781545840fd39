import * as assert from 'assert';
import * as vscode from 'vscode';
import { activateExtension, closeAllEditors, columbusSpecText, fit, hoverText, positionOf, uniqueName, writeWorkspaceFile, wsUri } from './util';

suite('Hovers on variable names', () => {
  suiteSetup(activateExtension);
  teardown(closeAllEditors);

  test('before a fit: the column summary from the CSV (count, mean, sd, min, max)', async () => {
    const uri = await writeWorkspaceFile(`fixtures/${uniqueName('hover-before')}`, columbusSpecText());
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, '"INC"', 2));
    assert.match(text, /\*\*INC\*\*: regressor, column of data\.csv/);
    // R: length 49, mean(INC) 14.37494, sd(INC) 5.703378, min 4.477, max 31.07
    assert.match(text, /\| 49 \| 14\.375 \| 5\.7034 \| 4\.477 \| 31\.07 \|/);
    const dep = await hoverText(uri, positionOf(doc, '"CRIME"', 2));
    assert.match(dep, /\*\*CRIME\*\*: dependent/);
  });

  test('after a fit: estimate, SE, z, p and the direct / indirect / total impacts of INC', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    await vscode.window.showTextDocument(uri);
    const outcome = await fit(uri);
    assert.ok(outcome.result);
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, '"INC"', 2));
    // As R's summary prints them: INC -1.073533 0.310872 -3.4533 0.0005538
    assert.match(text, /\| INC \| -1\.073533 \| 0\.310872 \| -3\.4533 \| 0\.0005538 \| \*\*\* \|/);
    // Impacts as R prints them: -1.1225156 -0.6783818 -1.8008973
    assert.match(text, /\| estimate \| -1\.1225156 \| -0\.6783818 \| -1\.8008973 \|/);
    assert.match(text, /simulated SE/);
    assert.match(text, /β is not the marginal effect/);
    assert.match(text, /LeSage & Pace 2009/);
  });

  test('no hover away from variable names', async () => {
    const uri = wsUri('columbus', 'columbus.sar.json');
    const doc = await vscode.workspace.openTextDocument(uri);
    const text = await hoverText(uri, positionOf(doc, '"weights.gal"', 2));
    assert.doesNotMatch(text, /regressor|dependent/);
  });
});
