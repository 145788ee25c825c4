export { chromiumPath, hasChromium, launchChromium } from '@ads/testing/browser';
