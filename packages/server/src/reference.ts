// Data for the documentation site: what an operator configures and what the catalog holds, read
// from the same tables and views the server runs on. It starts nothing and opens no store.
export { type CatalogReference, catalogReference, type ProviderReference } from './catalog-reference.js';
export { type EnvironmentVariable, environmentVariables } from './environment-variables.js';
