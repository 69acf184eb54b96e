// The pure protocol layer: bucket layout, task.json, status, catalogue, safe paths, TES export.
export * from './names.js';
export * from './job-id.js';
export * from './keys.js';
export * from './time.js';
export * from './markers.js';
export * from './status.js';
export * from './problem.js';
export * from './safe-path.js';
export * from './task.js';
export * from './biobank-task.js';
export * from './new-task.js';
export * from './request-note.js';
export * from './listing.js';
export * from './matrix.js';
export * from './inbox.js';
export * from './catalogue.js';
export * from './tes.js';
