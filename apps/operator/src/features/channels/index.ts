// Settings → Channels, loaded on demand from the router.
export { ChannelsPage } from './routes/channels-page';
