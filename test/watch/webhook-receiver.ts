import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo} from 'node:net';

export type ReceivedPost = {
	path: string;
	headers: IncomingMessage['headers'];
	json: {text: string; id: string; redelivery: boolean; events: Array<Record<string, unknown>>};
	/** The status this receiver answered. */
	status: number;
};

export type WebhookReceiver = {
	url: string;
	/** Every POST, in the order received, whatever was answered. */
	posts: ReceivedPost[];
	/** The statuses to answer next, in order; 200 once they are used up. */
	answers: number[];
	/**
	 * The next POST is held unanswered, and never recorded (a receiver that has not answered has
	 * not taken it); the promise settles when it has arrived whole.
	 */
	holdNext(): Promise<void>;
	close(): Promise<void>;
};

/** An HTTP server on 127.0.0.1 that records each webhook POST and answers as told. */
export async function startWebhookReceiver(): Promise<WebhookReceiver> {
	const posts: ReceivedPost[] = [];
	const answers: number[] = [];
	let hold: (() => void) | undefined;
	const server = createServer((request, response) => {
		const chunks: Buffer[] = [];
		request.on('data', (chunk: Buffer) => chunks.push(chunk));
		request.on('end', () => {
			if (hold) {
				hold();
				hold = undefined;
				return;
			}

			const status = answers.shift() ?? 200;
			posts.push({
				path: request.url ?? '',
				headers: request.headers,
				json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as ReceivedPost['json'],
				status,
			});
			response.writeHead(status, status === 503 ? {'retry-after': '0'} : {}).end();
		});
	});
	await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
	const {port} = server.address() as AddressInfo;
	return {
		// A path like a Slack hook's secret one: it must never appear in a log line.
		url: `http://127.0.0.1:${port}/services/T000/B000/secret-token`,
		posts,
		answers,
		holdNext: async () =>
			new Promise<void>((resolve) => {
				hold = resolve;
			}),
		close: async () =>
			new Promise<void>((resolve, reject) => {
				server.closeAllConnections();
				server.close((error) => (error ? reject(error) : resolve()));
			}),
	};
}
