/**
 * A mistake in the command line (an unknown command or flag, a missing or wrong value): exit
 * code 2, the sentence that says what is wrong, and what to type instead.
 */
export class UsageError extends Error {
	override readonly name = 'UsageError';
	readonly nextStep?: string;

	constructor(message: string, nextStep?: string) {
		super(message);
		this.nextStep = nextStep;
	}
}
