export { type FalEmulator, type FalEmulatorOptions, startFalEmulator } from './fal-emulator.js';
