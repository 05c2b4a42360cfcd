export {
  FakePlatform,
  type FaultKind,
  type FaultOptions,
  type PushOptions,
  type PushResult,
  type RecordedRequest,
} from './fake-platform';
export { type UploadedFile } from './http-body';
export {
  DEMO_CUSTOMER,
  FakeTelegram,
  type DemoChatEntry,
  type FakeTelegramOptions,
  type TelegramBot,
  type TelegramFileInfo,
  type TelegramPushOptions,
  type TelegramUser,
  type TelegramWebhook,
} from './telegram';
export { FakeVk, type FakeVkOptions, type VkPushOptions, type VkSentMessage, type VkUpload, type VkUser } from './vk';
export { FakeViber, viberSignature, type FakeViberOptions, type ViberAccount, type ViberPushOptions, type ViberUser } from './viber';
export { FakeOk, type FakeOkOptions, type OkSubscription, type OkUpload, type OkUploadType } from './ok';
