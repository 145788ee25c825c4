export { LocalStorage } from './local-storage.js';
export { sniffMediaType, type UploadMediaType, uploadMediaTypes } from './media-type.js';
export { S3Storage, type S3StorageSettings } from './s3-storage.js';
export { type StoredUpload, storeUpload, UploadRefusedError } from './store-upload.js';
export {
  type ByteRange,
  checkKey,
  type LinkOptions,
  type PutOptions,
  StorageNotFoundError,
  type VideoStorage,
} from './video-storage.js';
