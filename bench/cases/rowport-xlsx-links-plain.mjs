// rowport-links with --plain: see rowport-xlsx-links.mjs.
process.argv.push('--plain');
await import('./rowport-xlsx-links.mjs');
