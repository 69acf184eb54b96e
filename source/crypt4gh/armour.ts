import {InvalidFormat} from './errors.js';

/**
 * The reference's PEM-like armour: a `-----BEGIN CRYPT4GH <type> KEY-----` line, the base64 of
 * the key data (the reference writes it on one line), and the matching END line.
 */
export function armour(type: 'PUBLIC' | 'PRIVATE', data: Uint8Array): string {
	return (
		`-----BEGIN CRYPT4GH ${type} KEY-----\n` +
		`${Buffer.from(data).toString('base64')}\n` +
		`-----END CRYPT4GH ${type} KEY-----\n`
	);
}

export type Unarmoured = {label: string; data: Buffer};

/** Reads armoured text as the reference does (blank lines and surrounding spaces ignored). */
export function unarmour(text: string, source: string): Unarmoured {
	const lines = text
		.split(/\r?\n/)
		.map((line) => line.trim())
		.filter((line) => line !== '');
	const first = lines[0] ?? '';
	const last = lines.at(-1) ?? '';
	const begin = /^-----BEGIN ([A-Z0-9 ]+)-----$/.exec(first);
	if (!begin || !/^-----END [A-Z0-9 ]+-----$/.test(last) || lines.length < 3) {
		throw new InvalidFormat(
			`${source} is not a Crypt4GH key: it should start with a "-----BEGIN CRYPT4GH ... KEY-----" ` +
				'line and end with the matching END line',
		);
	}
	const body = lines.slice(1, -1).join('');
	if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body) || body.length % 4 !== 0) {
		throw new InvalidFormat(`${source}: the key between the BEGIN and END lines is not base64`);
	}
	return {label: begin[1] ?? '', data: Buffer.from(body, 'base64')};
}
