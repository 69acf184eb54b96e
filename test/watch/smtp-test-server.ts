import {execFile, spawn, type ChildProcess} from 'node:child_process';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createInterface} from 'node:readline';
import {fileURLToPath} from 'node:url';
import {promisify} from 'node:util';

const run = promisify(execFile);
const script = fileURLToPath(new URL('../server/smtp-server.py', import.meta.url));

/** One mail the server accepted, as stored in its Maildir. */
export type ReceivedMail = {
	headers: Record<string, string>;
	body: string;
	messageId: string;
	subject: string;
	/** The envelope's recipients, as the server recorded them. */
	rcptTo: string;
};

export type SmtpTestServer = {
	port: number;
	user: string;
	password: string;
	/** The PEM of the server's throwaway certificate, for the client to trust. */
	caFile: string;
	/** Lines the server printed after the port ({"holding": …}). */
	events: AsyncIterableIterator<string>;
	messages(): Promise<ReceivedMail[]>;
	stop(): Promise<void>;
};

export type SmtpServerOptions = {
	/** Store the first message, then hold the reply to its final "." this long. */
	holdFirstSeconds?: number;
	refuseFirst?: number;
	/** Hold the answer to the first RCPT TO this long: a send begun, nothing delivered. */
	holdBeforeDataSeconds?: number;
};

/**
 * Debian's aiosmtpd (test/server/smtp-server.py) on 127.0.0.1 at a free port, with STARTTLS and
 * AUTH required, on a certificate made now for 127.0.0.1. Installed by test/server/smtp-install.sh.
 */
export async function startSmtpServer(options: SmtpServerOptions = {}): Promise<SmtpTestServer> {
	const folder = await mkdtemp(join(tmpdir(), 'ivjm-smtp-'));
	const caFile = join(folder, 'cert.pem');
	const keyFile = join(folder, 'key.pem');
	await run('openssl', [
		'req',
		'-x509',
		'-newkey',
		'ec',
		'-pkeyopt',
		'ec_paramgen_curve:prime256v1',
		'-nodes',
		'-keyout',
		keyFile,
		'-out',
		caFile,
		'-days',
		'2',
		'-subj',
		'/CN=127.0.0.1',
		'-addext',
		'subjectAltName=IP:127.0.0.1',
	]);
	const maildir = join(folder, 'maildir');
	const user = 'watcher';
	const password = 'smtp-test-password';
	const child: ChildProcess = spawn(
		'/usr/bin/python3',
		[
			script,
			'--maildir',
			maildir,
			'--cert',
			caFile,
			'--key',
			keyFile,
			'--user',
			user,
			'--hold-first',
			String(options.holdFirstSeconds ?? 0),
			'--refuse-first',
			String(options.refuseFirst ?? 0),
			'--hold-before-data',
			String(options.holdBeforeDataSeconds ?? 0),
		],
		{env: {...process.env, SMTP_TEST_PASSWORD: password}, stdio: ['pipe', 'pipe', 'pipe']},
	);
	let stderr = '';
	child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
	const lines = createInterface({input: child.stdout!})[Symbol.asyncIterator]();
	const first = await lines.next();
	if (first.done) {
		throw new Error(
			`The SMTP test server did not start (run test/server/smtp-install.sh): ${stderr}`,
		);
	}

	const {port} = JSON.parse(first.value) as {port: number};
	return {
		port,
		user,
		password,
		caFile,
		events: lines,
		messages: async () => readMaildir(join(maildir, 'new')),
		async stop() {
			child.stdin?.end();
			if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve));
			await rm(folder, {recursive: true, force: true});
		},
	};
}

async function readMaildir(folder: string): Promise<ReceivedMail[]> {
	const names = await readdir(folder).catch(() => [] as string[]);
	const mails = await Promise.all(
		names
			.sort((a, b) => deliveredAt(a) - deliveredAt(b) || (a < b ? -1 : 1))
			.map(async (name) => parseMail(await readFile(join(folder, name), 'utf8'))),
	);
	return mails;
}

/**
 * When Python's Maildir stored a message, in microseconds, from its name
 * (`<seconds>.M<microseconds>P<pid>Q<n>.<host>`): the microseconds are not zero-padded, so the
 * names of two mails in one second do not sort by time as text (M99999 after M123456).
 */
function deliveredAt(name: string): number {
	const match = /^(\d+)\.M(\d+)P/u.exec(name);
	return match ? Number(match[1]) * 1e6 + Number(match[2]) : 0;
}

/** Headers (unfolded, names lower-cased) and body of a stored mail. */
export function parseMail(text: string): ReceivedMail {
	const [head = '', ...rest] = text.replaceAll('\r\n', '\n').split('\n\n');
	const headers: Record<string, string> = {};
	for (const line of head.replaceAll(/\n[ \t]+/g, ' ').split('\n')) {
		const colon = line.indexOf(':');
		if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
	}

	return {
		headers,
		body:
			headers['content-transfer-encoding']?.toLowerCase() === 'quoted-printable'
				? decodeQuotedPrintable(rest.join('\n\n'))
				: rest.join('\n\n'),
		messageId: headers['message-id'] ?? '',
		subject: decodeWords(headers.subject ?? ''),
		rcptTo: headers['x-rcptto'] ?? '',
	};
}

/** RFC 2047 encoded words (`=?UTF-8?Q?…?=`, `=?UTF-8?B?…?=`) as text; the space between two goes. */
export function decodeWords(value: string): string {
	return value
		.replaceAll(/(\?=)\s+(=\?)/g, '$1$2')
		.replaceAll(
			/=\?([^?]+)\?([QqBb])\?([^?]*)\?=/g,
			(_, _charset: string, encoding: string, text: string) =>
				encoding.toUpperCase() === 'B'
					? Buffer.from(text, 'base64').toString('utf8')
					: Buffer.from(
							text
								.replaceAll('_', ' ')
								.replaceAll(/=([\da-f]{2})/gi, (_match, hex: string) =>
									String.fromCodePoint(Number.parseInt(hex, 16)),
								),
							'latin1',
						).toString('utf8'),
		);
}

/** A quoted-printable body (RFC 2045) as UTF-8 text: soft line breaks joined, `=XX` as bytes. */
export function decodeQuotedPrintable(body: string): string {
	const joined = body.replaceAll(/=\n/g, '');
	const bytes: number[] = [];
	for (let index = 0; index < joined.length; index++) {
		const hex = joined.slice(index + 1, index + 3);
		if (joined[index] === '=' && /^[\da-f]{2}$/i.test(hex)) {
			bytes.push(Number.parseInt(hex, 16));
			index += 2;
		} else {
			bytes.push(...Buffer.from(joined[index] ?? '', 'utf8'));
		}
	}

	return Buffer.from(bytes).toString('utf8');
}
