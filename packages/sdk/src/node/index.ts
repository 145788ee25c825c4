export { type DownloadOptions, type DownloadProgress, type DownloadResult, download } from './download.js';
