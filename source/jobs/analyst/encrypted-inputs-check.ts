import {Crypt4ghError} from '../../crypt4gh/errors.js';
import {fingerprint} from '../../crypt4gh/fingerprint.js';
import type {KeyPair} from '../../crypt4gh/private-key.js';
import {encryptionOf} from '../../protocol/encrypted-inputs.js';
import type {Task} from '../../protocol/task.js';
import type {DownloadObject} from '../../transfer/transfer.js';
import type {PlannedFile} from './download-plan.js';

/** How a claim decrypts: the decrypting download, and the keys it uses (unlocked once). */
export type Decrypting = {download: DownloadObject; unlock: () => Promise<KeyPair[]>};

/** A fingerprint as ivjm writes one: anything else in a task.json is not shown nor compared. */
const fingerprintShape = /^SHA256:[A-Za-z\d+/]{43}$/u;

/**
 * Before a job with encrypted inputs is claimed: a way to decrypt is there, your key is unlocked
 * (its passphrase asked now, not halfway through the downloads), and where the task.json names
 * the key it encrypted to for `biobank`, that key is yours. Throws; nothing is written.
 */
export async function checkEncryptedInputs(
	task: Task,
	biobank: string,
	files: readonly PlannedFile[],
	decrypting: Decrypting | undefined,
): Promise<void> {
	const encrypted = files.filter((file) => file.encrypted);
	if (encrypted.length === 0) return;
	if (!decrypting) {
		throw new Crypt4ghError(
			`Job ${task.id} has inputs encrypted to ${biobank}'s key (Crypt4GH), and nothing here decrypts them.`,
		);
	}
	const mine = new Set((await decrypting.unlock()).map((key) => fingerprint(key.publicKey)));
	for (const file of encrypted) {
		const input = task.inputs.find(
			(item) => item.bucket === file.ref.container && item.object === file.ref.key,
		);
		const named = input ? encryptionOf(input)?.recipients[biobank] : undefined;
		if (named === undefined || !fingerprintShape.test(named) || mine.has(named)) continue;
		throw new Crypt4ghError(
			`The inputs of job ${task.id} were encrypted to the key ${named}, published as ${biobank}'s when it was submitted; ` +
				`your key is ${[...mine].join(', ')}. Import ${biobank}'s private key (ivjm keys import --file FILE), ` +
				'or, if the biobank changed its key since, ask the requester to submit again. Nothing was claimed.',
		);
	}
}
