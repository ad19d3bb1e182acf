import { readFileSync } from 'node:fs';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';

export interface MachineInfo {
  cpuModel: string;
  cores: number;
  memoryGiB: number;
  node: string;
  kernel: string;
  /** The hard limit on open files per process (each socket is one). */
  openFilesLimit: string;
  loadAverage: [number, number, number];
}

export function machineInfo(openFilesLimit: string): MachineInfo {
  const processors = cpus();
  const [one = 0, five = 0, fifteen = 0] = loadavg();
  return {
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    cores: processors.length,
    memoryGiB: totalmem() / 1024 ** 3,
    node: process.version,
    kernel: release(),
    openFilesLimit,
    loadAverage: [one, five, fifteen],
  };
}

/** The installed version of a package of the workspace, e.g. `socket.io`. */
export function packageVersion(name: string): string {
  const file = join(import.meta.dirname, '../../node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}
