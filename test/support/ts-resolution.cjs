// Jest loads globalSetup/globalTeardown through CommonJS require, where the moduleNameMapper
// that maps our ESM-style `./x.js` imports to `./x.ts` does not apply. This resolves a
// missing `.js` to its `.ts` source for those two files (and what they import).
const Module = require('node:module');
const resolve = Module._resolveFilename;
Module._resolveFilename = function resolveTs(request, ...rest) {
  try {
    return resolve.call(this, request, ...rest);
  } catch (error) {
    if (request.startsWith('.') && request.endsWith('.js')) return resolve.call(this, request.slice(0, -3) + '.ts', ...rest);
    throw error;
  }
};
