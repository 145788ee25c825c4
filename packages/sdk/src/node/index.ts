export {
  type DownloadOptions,
  type DownloadProgress,
  type DownloadResult,
  download,
  downloadVideo,
  type TaskVideoLike,
} from './download.js';
