module.exports = async () => {
  await globalThis.__gwsSim?.close()
}
