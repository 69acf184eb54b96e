// Set by build/bundle.ts (esbuild's define); a run from the sources has none.
declare const IVJM_BUILD: string | undefined;

/** What `ivjm --version` prints after the version: the commit and day of the build. */
export const buildName: string = typeof IVJM_BUILD === 'string' ? IVJM_BUILD : 'run from source';
