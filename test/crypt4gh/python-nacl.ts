import {execFileSync, spawnSync} from 'node:child_process';
import {fileURLToPath} from 'node:url';

const python = '/usr/bin/python3';
const script = fileURLToPath(new URL('nacl-reader.py', import.meta.url));

/**
 * Debian's python3 with python3-nacl (libsodium), installed when missing as test/run-all.sh does,
 * so the test runs on a fresh machine too (it needs root there, like the rest of `npm test`).
 */
export function ensurePythonNacl(): void {
	if (spawnSync(python, ['-c', 'import nacl.bindings']).status === 0) return;
	const install = ['install', '-y', '-q', '--no-install-recommends', 'python3-nacl'];
	const env = {...process.env, DEBIAN_FRONTEND: 'noninteractive'};
	if (spawnSync('apt-get', install, {env, stdio: 'ignore'}).status !== 0) {
		execFileSync('apt-get', ['update', '-q'], {env, stdio: 'ignore'});
		execFileSync('apt-get', install, {env, stdio: 'ignore'});
	}
}

/** Runs the independent reader; its JSON answer. */
export function naclReader<T>(args: string[], passphrase?: string): T {
	const env = {...process.env};
	delete env.C4GH_PASSPHRASE;
	if (passphrase !== undefined) env.C4GH_PASSPHRASE = passphrase;
	return JSON.parse(execFileSync(python, [script, ...args], {env, encoding: 'utf8'})) as T;
}
