import { selectRuntime } from './index';

export default function globalSetup(): void {
  const { runtime, reason } = selectRuntime();
  console.log(`\nGloss end-to-end runtime: ${runtime} (${reason})\n`);
}
