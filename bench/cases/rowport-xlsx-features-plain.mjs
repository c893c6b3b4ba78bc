// The baseline of rowport-features: the same eleven columns (the profile URL as plain text), no table,
// no conditional format, no links. See rowport-xlsx-features.mjs.
process.argv.push('--plain');
await import('./rowport-xlsx-features.mjs');
