// `npm run schema`: writes media/sar-spec.schema.json from the spec's declared fields
// (src/core/spec/schema.ts via jsonSchema.ts). A unit test fails when the committed file differs.
import * as esbuild from 'esbuild';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const out = await esbuild.build({ entryPoints: ['src/core/spec/jsonSchema.ts'], bundle: true, platform: 'node', format: 'cjs', write: false, logLevel: 'warning' });
const module = { exports: {} };
new Function('module', 'exports', 'require', out.outputFiles[0].text)(module, module.exports, createRequire(import.meta.url));
writeFileSync('media/sar-spec.schema.json', module.exports.specJsonSchemaText());
console.log('wrote media/sar-spec.schema.json');
