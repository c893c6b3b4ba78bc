// rowport with --norefs: see rowport-xlsx.mjs.
process.argv.push('--norefs');
await import('./rowport-xlsx.mjs');
