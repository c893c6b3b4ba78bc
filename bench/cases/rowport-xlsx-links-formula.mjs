// rowport-links with --formula: see rowport-xlsx-links.mjs.
process.argv.push('--formula');
await import('./rowport-xlsx-links.mjs');
