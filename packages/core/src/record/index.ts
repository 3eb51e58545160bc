export { createRecorder, RECORDING_VERSION, type Recorder, type RecorderOptions, type Recording, type RecordedEvent } from './recorder'
export { replay, projectSnapshot, type ReplayStep } from './replay'
