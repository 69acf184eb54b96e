import {execFileSync} from 'node:child_process';
import {mkdtempSync, readFileSync, rmSync} from 'node:fs';
import {createServer, type IncomingMessage, type Server, type ServerResponse} from 'node:http';
import {createServer as createTlsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

export type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on loopback with a scripted handler, for what a real Swift won't do on cue. */
export type LocalServer = {
	origin: string;
	/** Method and URL of every request received, in order. */
	requests: string[];
	close(): Promise<void>;
};

async function listen(server: Server, scheme: string): Promise<LocalServer> {
	const requests: string[] = [];
	server.prependListener('request', (request: IncomingMessage) => {
		requests.push(`${request.method} ${request.url}`);
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		origin: `${scheme}://127.0.0.1:${port}`,
		requests,
		async close() {
			server.closeAllConnections();
			await new Promise<void>((resolve) => server.close(() => resolve()));
		},
	};
}

export async function startServer(handler: Handler): Promise<LocalServer> {
	return listen(createServer(handler), 'http');
}

/** An HTTPS server with a fresh self-signed certificate (which no client should trust). */
export async function startTlsServer(handler: Handler): Promise<LocalServer> {
	const folder = mkdtempSync(join(tmpdir(), 'ivjm-tls-'));
	try {
		execFileSync(
			'openssl',
			[
				'req',
				'-x509',
				'-newkey',
				'rsa:2048',
				'-nodes',
				'-days',
				'1',
				'-subj',
				'/CN=127.0.0.1',
			].concat(['-keyout', join(folder, 'key.pem'), '-out', join(folder, 'cert.pem')]),
			{stdio: 'ignore'},
		);
		const server = createTlsServer(
			{key: readFileSync(join(folder, 'key.pem')), cert: readFileSync(join(folder, 'cert.pem'))},
			handler,
		);
		return await listen(server, 'https');
	} finally {
		rmSync(folder, {recursive: true, force: true});
	}
}

/** Reads a request's body as text. */
export async function bodyOf(request: IncomingMessage): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of request) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}
