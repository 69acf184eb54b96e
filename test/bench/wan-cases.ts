/**
 * Case 6: the overview and the transfers again, through a WAN (wan-proxy.ts) in front of the
 * test Swift, for ivjm and its peers alike, beside the loopback rows. The WAN is checked first
 * with curl, and what was measured goes into the notes under the table.
 */
import type {Budget} from './measure.js';
import {commandTransferRound, type Endpoint} from './command-transfers.js';
import {swiftOverview} from './overview-cases.js';
import {signIn, type SwiftAccount} from './seed-swift.js';
import {sizeLabel} from './transfer-cases.js';
import {checkWan, startWanProcess} from './wan.js';
import type {WanSettings} from './wan-proxy.js';

/** `IVJM_BENCH_WAN=30,200`: round trip in ms, bandwidth in Mbit/s. */
export function wanSettings(text = process.env['IVJM_BENCH_WAN'] ?? '30,200'): WanSettings {
	const [rttMs, mbit] = text.split(',').map(Number);
	if (!rttMs || !mbit) throw new Error(`IVJM_BENCH_WAN=${text}: give RTT ms and Mbit/s, as 30,200`);
	return {rttMs, mbit};
}

export const wanLabel = (wan: WanSettings) =>
	`over a WAN of ${wan.rttMs} ms RTT, ${wan.mbit} Mbit/s`;

/** Seconds one round of WAN transfers takes: six transfers at the link's rate, and some slack. */
export const wanTransferSeconds = (wan: WanSettings, bytes: number) =>
	(6 * bytes * 8) / (wan.mbit * 1e6) + 40;

export type WanRun = {
	wan: WanSettings;
	budget: Budget;
	runs: number;
	home: string;
	log: (message: string) => void;
	/** Swift as the bench signs in to it directly. */
	swift: {authUrl: string; user: string; key: string; account: SwiftAccount};
	overview?: {container: string; user: string; jobs: number; objects: number};
	transferBytes: number;
};

export async function wanCases(options: WanRun): Promise<string[]> {
	const {wan, log} = options;
	const notes: string[] = [];
	log(`WAN: checking the proxy (${wanLabel(wan)}) with curl`);
	const check = await checkWan(wan, options.swift.account);
	notes.push(`WAN proxy (${wanLabel(wan)}), measured with curl: ${check.lines.join('; ')}`);
	for (const line of check.lines) log(`  ${line}`);

	const proxy = await startWanProcess(new URL(options.swift.authUrl).origin, wan);
	try {
		// Signed in through the proxy: tempauth answers with the proxy's address as storage URL.
		const authUrl = new URL(options.swift.authUrl);
		const account = await signIn(
			`${proxy.url}${authUrl.pathname}`,
			options.swift.user,
			options.swift.key,
		);
		if (!account.storageUrl.startsWith(proxy.url))
			throw new Error(`The storage URL through the WAN is ${account.storageUrl}, not the proxy's`);
		const via = {id: 'wan', label: wanLabel(wan), caseName: '6 WAN'};
		if (options.overview) {
			await swiftOverview({
				...options.overview,
				budget: options.budget,
				runs: options.runs,
				home: options.home,
				log,
				account,
				headline: true,
				via,
			});
		}
		const endpoint: Endpoint = {id: 'wan', label: wanLabel(wan), case: '6 WAN', account};
		log(`WAN: transfers of ${sizeLabel(options.transferBytes)}`);
		await options.budget.repeat(options.runs, 'WAN transfers', async (round) => {
			log(`  round ${round + 1}`);
			await commandTransferRound(endpoint, options.transferBytes, options.home, log);
		});
	} finally {
		await proxy.stop();
	}
	return notes;
}
