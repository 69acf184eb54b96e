import {chmod, mkdir, readdir, readFile, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {ivjmPaths} from '../config/paths.js';
import {writePrivateFile} from '../util/write-private-file.js';
import {Crypt4ghError} from './errors.js';
import {readPrivateKey, type AskPassphrase, type PrivateKey} from './private-key.js';
import {readPublicKey} from './public-key.js';

/**
 * Your own Crypt4GH keys: `<XDG config>/ivjm/keys/<name>.sec` (mode 0600) and `<name>.pub`, in a
 * folder of mode 0700. The files are in the reference's format, so crypt4gh's own tools can use
 * them as they are.
 */
export const defaultKeyName = 'default';

export function keysFolder(): string {
	return join(ivjmPaths().config, 'keys');
}

export function checkKeyName(name: string): string {
	if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(name)) {
		throw new Crypt4ghError(
			`"${name}" cannot name a key: use letters, digits, dot, dash and underscore (at most 64)`,
		);
	}
	return name;
}

export function keyPaths(name: string, folder = keysFolder()): {secret: string; public: string} {
	checkKeyName(name);
	return {secret: join(folder, `${name}.sec`), public: join(folder, `${name}.pub`)};
}

/** Saves a key pair under `name`; an existing key of that name is kept unless `overwrite`. */
export async function saveKeyPair(
	name: string,
	texts: {secret: string; public: string},
	options: {folder?: string; overwrite?: boolean} = {},
): Promise<{secret: string; public: string}> {
	const folder = options.folder ?? keysFolder();
	const paths = keyPaths(name, folder);
	if (!options.overwrite && (await stat(paths.secret).catch(() => undefined))) {
		throw new Crypt4ghError(
			`A key named "${name}" exists already (${paths.secret}): choose another name, or remove it first`,
		);
	}
	await mkdir(folder, {recursive: true, mode: 0o700});
	await chmod(folder, 0o700);
	await writePrivateFile(paths.public, texts.public);
	await writePrivateFile(paths.secret, texts.secret);
	await chmod(paths.public, 0o644);
	return paths;
}

/** Names of the keys in the folder (those with a private key). */
export async function listKeys(folder = keysFolder()): Promise<string[]> {
	const names = await readdir(folder).catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') return [] as string[];
		throw error;
	});
	return names
		.filter((file) => file.endsWith('.sec'))
		.map((file) => file.slice(0, -'.sec'.length))
		.sort();
}

async function readKeyFile(path: string, what: string): Promise<string> {
	return readFile(path, 'utf8').catch((error: NodeJS.ErrnoException) => {
		if (error.code === 'ENOENT') {
			throw new Crypt4ghError(
				`No ${what} at ${path}: make one with ivjm keys generate, or import one`,
			);
		}
		throw error;
	});
}

/** A private key given as a file path, or as the name of a key in the folder. */
export async function loadPrivateKey(
	pathOrName: string,
	/** Asked with the key file's path, only when the key is locked. */
	ask: (path: string) => ReturnType<AskPassphrase>,
	folder = keysFolder(),
): Promise<PrivateKey & {path: string}> {
	const path =
		pathOrName.includes('/') || pathOrName.endsWith('.sec')
			? pathOrName
			: keyPaths(pathOrName, folder).secret;
	return {
		...(await readPrivateKey(await readKeyFile(path, 'private key'), path, () => ask(path))),
		path,
	};
}

/** A public key given as a file path, or as the name of a key in the folder. */
export async function loadPublicKey(pathOrName: string, folder = keysFolder()): Promise<Buffer> {
	const path =
		pathOrName.includes('/') || pathOrName.endsWith('.pub')
			? pathOrName
			: keyPaths(pathOrName, folder).public;
	return readPublicKey(await readKeyFile(path, 'public key'), path);
}
