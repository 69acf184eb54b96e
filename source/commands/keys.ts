import {keysGenerate, keysImport, keysShow} from '../crypt4gh/local-commands.js';
import {soleOrDefaultKey} from '../crypt4gh/key-actions.js';
import {loadPublicKey} from '../crypt4gh/key-store.js';
import {fingerprint} from '../crypt4gh/fingerprint.js';
import {KnownKeys} from '../crypt4gh/known-keys.js';
import {
	describeHolder,
	fetchPublishedKey,
	publishedKeyObject,
	publishKey,
	type KeyHolder,
} from '../crypt4gh/published-keys.js';
import {checkJobId} from '../protocol/job-id.js';
import {shown} from '../text/display-text.js';
import {defineCommand} from './kit/define-command.js';
import {biobankChoices} from './kit/flags.js';
import {UsageError} from './kit/usage-error.js';
import {commandPassphraseSource} from './passphrase-source.js';

const actions = ['generate', 'show', 'import', 'publish', 'trust'] as const;
type Action = (typeof actions)[number];

/**
 * `ivjm keys ACTION`: your Crypt4GH keys (under the XDG config folder, the reference's format),
 * a biobank's key published for requesters, and accepting a published key that changed.
 */
export const keysCommand = defineCommand({
	name: 'keys',
	summary: 'your Crypt4GH keys: generate, show, import, publish (a biobank key), trust',
	argument: {
		name: 'ACTION',
		help: actions.join(', '),
		check: (value) =>
			(actions as readonly string[]).includes(value)
				? undefined
				: `unknown action ${value}: one of ${actions.join(', ')}`,
		then: {name: 'FILE', help: 'import: the key file (or --file FILE)'},
	},
	flags: {
		name: {
			type: 'string',
			value: 'NAME',
			help: 'which of your keys (default: default, or your only one)',
		},
		comment: {type: 'string', value: 'TEXT', help: 'generate: a comment kept in the key file'},
		// Not --no-passphrase: the parser reads --no-X as "not --X".
		nocrypt: {
			type: 'boolean',
			help: 'generate: leave the private key unlocked (as crypt4gh-keygen --nocrypt)',
		},
		file: {
			type: 'string',
			value: 'FILE',
			help: 'import: the key file (a private key, or a public one with --name)',
		},
		biobank: {
			type: 'string',
			value: 'B',
			help: "publish: as this biobank's key; trust: that biobank's published key",
			choices: biobankChoices,
		},
		job: {
			type: 'string',
			value: 'JOBID',
			help: "trust: the requester's key published with this job",
		},
	},
	details: [
		'generate asks a new passphrase twice (or takes C4GH_PASSPHRASE); the private key is 0600 in a 0700 folder.',
		"A requester's public key goes with each job they submit; results are encrypted to it.",
		'trust accepts a published key that differs from the one you used before, once its holder confirmed it.',
	],
	async run({argument, then, flags, out, session, tell}) {
		const action = argument as Action;
		if (then !== undefined && action !== 'import') {
			throw new UsageError(`keys ${action} takes no file: ${then} is one word too many`);
		}
		if (then !== undefined && flags.file !== undefined && then !== flags.file) {
			throw new UsageError(`keys import takes one file: ${then} or --file ${flags.file}?`);
		}
		const file = then ?? flags.file;
		if (action === 'generate' || action === 'show' || action === 'import') {
			const source = commandPassphraseSource();
			if (action === 'import' && !file) throw new UsageError('keys import needs a FILE');
			const key =
				action === 'generate'
					? await keysGenerate({
							name: flags.name,
							comment: flags.comment,
							noPassphrase: flags.nocrypt,
							source,
						})
					: action === 'show'
						? await keysShow({name: flags.name})
						: await keysImport({file: file!, name: flags.name, source});
			if (flags.json) return out.json('keys', {action, key});
			out.lines(shown`${key.name}: ${key.fingerprint}`, key.publicKey.trimEnd());
			return;
		}
		const opened = await session();
		if (action === 'publish') {
			if (!flags.biobank)
				throw new UsageError(
					"keys publish needs --biobank B: a requester's key is published with each job at submit",
				);
			const holder: KeyHolder = {kind: 'biobank', biobank: flags.biobank};
			const publicKey = await loadPublicKey(flags.name ?? (await soleOrDefaultKey()));
			await publishKey(opened.store, opened.bucket, holder, publicKey);
			const report = {
				action,
				holder: describeHolder(holder),
				object: publishedKeyObject(holder),
				fingerprint: fingerprint(publicKey),
			};
			if (flags.json) return out.json('keys', report);
			out.lines(
				shown`Published ${report.fingerprint} as the key of ${report.holder} (${report.object}).`,
			);
			return;
		}
		const holder = trustedHolder(flags.biobank, flags.job);
		const publicKey = await fetchPublishedKey(opened.store, opened.bucket, holder);
		if (!publicKey) throw new UsageError(`${describeHolder(holder)} has no published key`);
		await new KnownKeys().trust(describeHolder(holder), publicKey);
		const report = {action, holder: describeHolder(holder), fingerprint: fingerprint(publicKey)};
		if (flags.json) return out.json('keys', report);
		tell(shown`From now on ${report.holder}'s key is ${report.fingerprint}.`);
	},
});

function trustedHolder(biobank: string | undefined, job: string | undefined): KeyHolder {
	if (biobank && !job) return {kind: 'biobank', biobank};
	if (job && !biobank) {
		const problem = checkJobId(job);
		if (problem) throw new UsageError(problem);
		return {kind: 'requester', jobId: job};
	}
	throw new UsageError('keys trust needs --biobank B or --job JOBID (the key the refusal named)');
}
