// rowport-features with links that show their URL (a `url` column of URL strings) instead of the
// student's name. See rowport-xlsx-features.mjs.
process.argv.push('--url-links');
await import('./rowport-xlsx-features.mjs');
