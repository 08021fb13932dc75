// The terraform layer: files → modules → evaluated values, three-valued.
// `loadWorkspace` is the entry point; model.ts and values.ts hold the public types.
export * from './model';
export * from './values';
export { loadWorkspace } from './workspace';
