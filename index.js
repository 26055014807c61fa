// n8n loads this package through the "n8n" section of package.json (dist/nodes, dist/credentials).
module.exports = {};
