// The watch engine as its own process, for tests that kill it: `node --import=tsx watch-child.ts`
// with the settings as JSON in IVJM_WATCH_CHILD (WatchSettings), the SMTP password in
// IVJM_SMTP_PASSWORD and the test Swift's tempauth in SWIFT_TEMPAUTH_*. With `pauseAt`, the
// engine stops itself (SIGSTOP) at that point after printing {"paused": point} on stdout, so the
// test can kill it there with SIGKILL: exactly where a crash would hit, not around it.
import {runTestWatch, type WatchSettings} from './watch-settings.js';

const settings = JSON.parse(process.env.IVJM_WATCH_CHILD ?? '{}') as WatchSettings;
const stop = new AbortController();
process.on('SIGTERM', () => stop.abort());
const result = await runTestWatch(settings, process.env.IVJM_SMTP_PASSWORD ?? '', {
	log: (line) => process.stderr.write(`${line}\n`),
	signal: stop.signal,
	hooks: {
		at(point, channel) {
			const kind = channel?.split('-')[0];
			if (settings.pauseAt !== point && settings.pauseAt !== `${point}:${kind}`) return;
			// A pipe is written synchronously on Linux: the line is out before the stop.
			process.stdout.write(`${JSON.stringify({paused: settings.pauseAt})}\n`);
			process.kill(process.pid, 'SIGSTOP');
		},
	},
});
process.exitCode = result.ok ? 0 : 6;
