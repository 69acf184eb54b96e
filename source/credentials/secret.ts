import {inspect} from 'node:util';

/**
 * A password or token that cannot slip into a log, an error message or JSON by accident:
 * printing it shows `[hidden]`; only `reveal()` gives the text, at the one place that sends it.
 */
export class Secret {
	readonly #value: string;

	constructor(value: string) {
		this.#value = value;
	}

	reveal(): string {
		return this.#value;
	}

	get length(): number {
		return this.#value.length;
	}

	toString(): string {
		return '[hidden]';
	}

	toJSON(): string {
		return '[hidden]';
	}

	[inspect.custom](): string {
		return 'Secret([hidden])';
	}
}
