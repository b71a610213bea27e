-- Argo CD health check for flink.apache.org/FlinkBlueGreenDeployment (cdk8s-flink-bluegreen).
--
-- Contract: Argo CD binds the live object to `obj` and expects a table {status=..., message=...}
-- with status one of Healthy, Progressing, Degraded, Suspended.
-- Written in the Lua 5.1 subset that Argo CD's interpreter (gopher-lua) runs; tested with lua5.4.
--
-- What the operator writes (FlinkBlueGreenDeploymentStatus / BlueGreenDeploymentService):
--   status.blueGreenState   INITIALIZING_BLUE, ACTIVE_BLUE, ACTIVE_GREEN, SAVEPOINTING_BLUE,
--                           SAVEPOINTING_GREEN, TRANSITIONING_TO_BLUE, TRANSITIONING_TO_GREEN
--   status.jobStatus.state  RECONCILING when a child is deployed, RUNNING when a transition
--                           finished, SUSPENDED when suspended, FAILING together with status.error
--   status.error            set only with FAILING, cleared by RECONCILING/RUNNING
--   An aborted transition (new child not RUNNING+STABLE before status.abortTimestamp) suspends
--   the new child, puts blueGreenState back to the previous ACTIVE_* (INITIALIZING_BLUE on a first
--   deployment) and sets FAILING + error "Aborting deployment '<child>', rolling ... back to <state>".

local function str(v)
  if v == nil then return "" end
  return tostring(v)
end

local function int(v)
  return string.format("%d", v)
end

local function colour_of(state, prefix)
  if string.sub(state, 1, string.len(prefix)) == prefix then
    return string.sub(state, string.len(prefix) + 1)
  end
  return nil
end

local function other(colour)
  if colour == "BLUE" then return "GREEN" end
  return "BLUE"
end

local function child(name, colour)
  return name .. "-" .. string.lower(colour)
end

local function result(status, message)
  return { status = status, message = message }
end

-- Job states that mean "not there yet, but moving" (Flink's JobStatus values in the CRD enum).
local moving = { CREATED = true, INITIALIZING = true, RECONCILING = true, RESTARTING = true, CANCELLING = true }

local function health(o)
  local status = o.status
  if status == nil or status.blueGreenState == nil then
    return result("Progressing", "waiting for the operator: no status yet (is the Flink Kubernetes Operator running and watching this namespace?)")
  end
  local meta = o.metadata or {}
  local name = str(meta.name)
  local bg = str(status.blueGreenState)
  local job = str((status.jobStatus or {}).state)
  local err = str(status.error)

  -- The blue/green CRD has no observedGeneration today; honour it if a future operator adds it,
  -- with the same meaning as on FlinkDeployment.
  if status.observedGeneration ~= nil and meta.generation ~= nil and status.observedGeneration ~= meta.generation then
    if err ~= "" then
      return result("Degraded", "spec generation " .. int(meta.generation) .. " not applied: " .. err)
    end
    return result("Progressing", "waiting for the operator to reconcile spec generation " .. int(meta.generation) .. " (observed " .. int(status.observedGeneration) .. ")")
  end

  local failing = job == "FAILING" or job == "FAILED" or (err ~= "" and job ~= "RUNNING" and job ~= "SUSPENDED")
  if failing then
    local reason = err
    if reason == "" then reason = "job " .. job end
    if string.find(err, "Aborting deployment", 1, true) ~= nil then
      local active = colour_of(bg, "ACTIVE_")
      if active ~= nil then
        return result("Degraded", "transition aborted: " .. err .. "; rolled back to " .. active ..
          ", which keeps serving (" .. child(name, active) .. "); the new child is suspended for inspection: fix the spec and push a new commit")
      end
      return result("Degraded", "first deployment aborted: " .. err .. "; nothing is serving: fix the spec and push a new commit")
    end
    return result("Degraded", bg .. ": " .. reason)
  end

  if bg == "INITIALIZING_BLUE" then
    if job == "SUSPENDED" then
      return result("Suspended", "first deployment on hold: spec.template.spec.job.state is suspended; set it to running to deploy BLUE")
    end
    return result("Progressing", "initializing: waiting for the operator to deploy " .. child(name, "BLUE"))
  end

  local from = colour_of(bg, "SAVEPOINTING_")
  if from ~= nil then
    return result("Progressing", "transition to " .. other(from) .. " in progress: taking a savepoint of " .. child(name, from) ..
      " (trigger " .. str(status.savepointTriggerId) .. ")")
  end

  local to = colour_of(bg, "TRANSITIONING_TO_")
  if to ~= nil then
    if status.deploymentReadyTimestamp ~= nil and str(status.deploymentReadyTimestamp) ~= "" then
      return result("Progressing", "transition to " .. to .. " in progress: " .. child(name, to) .. " ready since " ..
        str(status.deploymentReadyTimestamp) .. "; waiting for the deletion delay / gate hand-over before removing " .. child(name, other(to)))
    end
    return result("Progressing", "transition to " .. to .. " in progress: waiting for " .. child(name, to) ..
      " to be RUNNING and STABLE (aborts at " .. str(status.abortTimestamp) .. ")")
  end

  local active = colour_of(bg, "ACTIVE_")
  if active == nil then
    return result("Progressing", "unknown blueGreenState " .. bg .. "; waiting for the operator")
  end
  if job == "RUNNING" then
    return result("Healthy", active .. " active: " .. child(name, active) .. " RUNNING")
  end
  if job == "FINISHED" then
    return result("Healthy", active .. " active: job FINISHED")
  end
  if job == "SUSPENDED" then
    return result("Suspended", active .. " active, job suspended (spec.template.spec.job.state: suspended); set it to running to resume")
  end
  if job == "CANCELED" then
    return result("Degraded", active .. " active but the job was CANCELED; push a spec change to redeploy it")
  end
  if moving[job] then
    return result("Progressing", active .. " active, job " .. job)
  end
  return result("Progressing", active .. " active, waiting for the job status")
end

return health(obj)
