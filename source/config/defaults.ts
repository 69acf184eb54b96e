/** CSC's settings, as the deployed Python tools use them (shared/design/protocol.md, Connection). */
export const cscDefaults = {
	authUrl: 'https://pouta.csc.fi:5001/v3',
	userDomain: 'Default',
	projectDomain: 'Default',
	project: 'project_2004504',
	interface: 'public',
	refreshSeconds: 15,
	downloadDir: '~/intervene/downloads',
	workDir: '~/intervene/work',
	keyring: 'auto',
} as const;

export const endpointInterfaces = ['public', 'internal', 'admin'] as const;
export type EndpointInterfaceName = (typeof endpointInterfaces)[number];

export const roles = ['researcher', 'analyst'] as const;
export type Role = (typeof roles)[number];

/** Which keyring keeps a remembered password; `auto` tries them in the readme's order. */
export const keyringChoices = ['auto', 'keytar', 'kernel', 'none'] as const;
export type KeyringChoice = (typeof keyringChoices)[number];

/** A Keystone project id is 32 hex digits; anything else the person types is a project name. */
export function looksLikeProjectId(text: string): boolean {
	return /^[\da-f]{32}$/iu.test(text);
}
