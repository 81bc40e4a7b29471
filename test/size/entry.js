// Everything a React app can import from readby and readby/react, measured as one bundle so that the engine,
// which both entries share, counts once.
export * from '../../dist/index.js';
export * from '../../dist/react.js';
