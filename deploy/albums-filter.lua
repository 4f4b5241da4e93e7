-- Orthanc Albums: DICOM C-STORE into albums through Orthanc's own DICOM port.
-- Before Orthanc stores an instance received over DICOM, it asks albums-server whether the called AE
-- title (an album upload token's) may add it, on the tags Orthanc itself read; albums-server answers
-- the DIMSE status the sender gets. After storing, albums-server files the study into the album (or
-- deletes the instance again). Used as is by the local stack and by deploy/orthanc.json.
-- Settings come from Orthanc's environment:
--   ALBUMS_FILTER_URL                                  albums-server, e.g. http://albums-server:8000
--   ALBUMS_FILTER_USER, ALBUMS_FILTER_PASSWORD         a user of albums-server's ALBUMS_PLUGIN_USERS

local albums = os.getenv('ALBUMS_FILTER_URL') or 'http://albums-server:8000'
local json = { ['Content-Type'] = 'application/json' }
SetHttpCredentials(os.getenv('ALBUMS_FILTER_USER') or 'orthanc-plugin', os.getenv('ALBUMS_FILTER_PASSWORD') or '')
SetHttpTimeout(10)

-- PS3.4 "Refused: Out of Resources": albums-server did not answer; the sender may try again later
local OUT_OF_RESOURCES = 0xA700

-- Orthanc 1.12.7 cannot answer a refusal's own DIMSE status: ReceivedCStoreInstanceFilter turns its
-- integer into a boolean (a failure status stores the instance, 0 discards it as a success), and an
-- instance that ReceivedInstanceFilter discards is answered as a success too. An error raised here
-- makes Orthanc discard the instance and answer 0xA700 (Refused: Out of Resources): a failure the
-- sender reports, with nothing stored.
function ReceivedInstanceFilter(dicom, origin, info)
  if origin['RequestOrigin'] ~= 'DicomProtocol' then
    return true
  end
  local question = DumpJson({
    calledAet = origin['CalledAet'], remoteAet = origin['RemoteAet'], remoteIp = origin['RemoteIp'],
    studyInstanceUid = dicom['StudyInstanceUID'], seriesInstanceUid = dicom['SeriesInstanceUID'],
    sopInstanceUid = dicom['SOPInstanceUID'] }, true)
  local ok, answer = pcall(HttpPost, albums .. '/dicom/admit', question, json)
  if not ok or answer == nil or answer == '' then
    error('albums-server did not answer: instance refused')
  end
  local status = ParseJson(answer)['status']
  if status ~= 0 then
    error(string.format('albums-server refused the instance (status 0x%04X)', status or 0xA700))
  end
  return true
end

function OnStoredInstance(instanceId, tags, metadata, origin)
  print('DEBUG origin ' .. DumpJson(origin, true) .. ' meta ' .. DumpJson(metadata, true))
  if origin == nil or origin['RequestOrigin'] ~= 'DicomProtocol' then
    return
  end
  local ok, err = pcall(HttpPost, albums .. '/dicom/stored',
    DumpJson({ calledAet = origin['CalledAet'], instanceId = instanceId }, true), json)
  if not ok then
    print('albums-server did not take a stored DICOM instance into its album: ' .. tostring(err))
  end
end
