import {execFile} from 'node:child_process';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';
import {testServers} from '../helpers/servers.js';

const run = promisify(execFile);
const script = fileURLToPath(new URL('python/move_like_iv_analyst.py', import.meta.url));

/**
 * The Python analyst tool's writes (Debian's python3 with python-swiftclient), signed in with
 * tempauth as test:tester2: `claim` writes status/processing, `deliver` the results and
 * status/ready, as iv-analyst.py does.
 */
export async function pythonAnalystStep(
	step: 'claim' | 'deliver',
	container: string,
	biobank: string,
	jobId: string,
): Promise<void> {
	const servers = testServers();
	const work = await mkdtemp(join(tmpdir(), 'ivjm-iv-analyst-'));
	try {
		// Only tempauth: no OS_* or ST_* of the caller may pick another login.
		const environment = Object.fromEntries(
			Object.entries(process.env).filter(
				([name]) => !name.startsWith('OS_') && !name.startsWith('ST_'),
			),
		);
		await run(
			'/usr/bin/python3',
			[
				script,
				step,
				'--container',
				container,
				'--biobank',
				biobank,
				'--job',
				jobId,
				'--work',
				work,
			],
			{
				env: {
					...environment,
					SWIFT_TEMPAUTH_URL: servers.tempauthUrl,
					SWIFT_TEMPAUTH_USER: 'test:tester2',
					SWIFT_TEMPAUTH_KEY: 'testing2',
				},
			},
		);
	} finally {
		await rm(work, {recursive: true, force: true});
	}
}
