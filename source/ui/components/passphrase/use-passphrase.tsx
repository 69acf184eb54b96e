import {useCallback, useRef, useState, type ReactNode} from 'react';
import {Secret} from '../../../credentials/secret.js';
import {Crypt4ghError} from '../../../crypt4gh/errors.js';
import {passphraseVariable} from '../../../crypt4gh/passphrase.js';
import {PassphrasePrompt} from './passphrase-prompt.js';

type Asking = {keyPath: string; answer: (passphrase: string | undefined) => void};

/**
 * How a screen unlocks your Crypt4GH key: `ask` is what the use cases call for a locked key's
 * passphrase (C4GH_PASSPHRASE when it is set, as the reference tools; otherwise the prompt, which
 * `prompt` renders while it waits). The passphrase lives only in memory, as a Secret, never on
 * disk nor in a message; esc rejects with "Cancelled".
 */
export function usePassphrase(
	purpose: string,
	env: NodeJS.ProcessEnv = process.env,
): {ask: (keyPath: string) => Promise<Secret>; prompt: ReactNode} {
	const [asking, setAsking] = useState<Asking | undefined>();
	const purposeRef = useRef(purpose);
	purposeRef.current = purpose;
	const ask = useCallback(
		async (keyPath: string) => {
			const fromEnv = env[passphraseVariable];
			if (fromEnv !== undefined) return new Secret(fromEnv);
			return new Promise<Secret>((resolve, reject) => {
				setAsking({
					keyPath,
					answer: (passphrase) => {
						setAsking(undefined);
						if (passphrase === undefined)
							reject(new Crypt4ghError('Cancelled: no passphrase was typed'));
						else resolve(new Secret(passphrase));
					},
				});
			});
		},
		[env],
	);
	const prompt = asking ? (
		<PassphrasePrompt
			keyPath={asking.keyPath}
			purpose={purposeRef.current}
			onAnswer={asking.answer}
		/>
	) : undefined;
	return {ask, prompt};
}
