export { type KieEmulator, type KieEmulatorOptions, startKieEmulator } from './kie-emulator.js';
