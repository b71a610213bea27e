-- Argo CD health check for flink.apache.org/FlinkDeployment (cdk8s-flink-bluegreen).
--
-- Contract: Argo CD binds the live object to `obj` and expects a table {status=..., message=...}
-- with status one of Healthy, Progressing, Degraded, Suspended.
-- Written in the Lua 5.1 subset that Argo CD's interpreter (gopher-lua) runs; tested with lua5.4.
-- Replaces Argo CD's built-in check, which reports Healthy as soon as the spec is DEPLOYED,
-- even when the job has failed.
--
-- Inputs (CommonStatus / FlinkDeploymentStatus of the operator):
--   status.lifecycleState   derived by the operator from reconciliationStatus, the job state and
--                           the error: CREATED, SUSPENDED, UPGRADING, DEPLOYED, STABLE,
--                           ROLLING_BACK, ROLLED_BACK, FAILED, DELETING, DELETED
--   status.jobManagerDeploymentStatus  READY, DEPLOYED_NOT_READY, DEPLOYING, MISSING, ERROR
--   status.jobStatus.state  Flink job state (absent for session clusters)
--   status.observedGeneration  set when a spec is accepted (lastReconciledSpec written); lags
--                           metadata.generation while the spec is new or was rejected
--   status.error            last error (validation, deployment, job failure)

local function str(v)
  if v == nil then return "" end
  return tostring(v)
end

local function int(v)
  return string.format("%d", v)
end

local function result(status, message)
  return { status = status, message = message }
end

local function with_error(text, err)
  if err == "" then return text end
  return text .. ": " .. err
end

local moving = { CREATED = true, INITIALIZING = true, RECONCILING = true, RESTARTING = true, CANCELLING = true }

local function health(o)
  local status = o.status
  if status == nil then
    return result("Progressing", "waiting for the operator: no status yet (is the Flink Kubernetes Operator running and watching this namespace?)")
  end
  local meta = o.metadata or {}
  local lc = str(status.lifecycleState)
  local jm = str(status.jobManagerDeploymentStatus)
  local job = str((status.jobStatus or {}).state)
  local err = str(status.error)

  if lc == "DELETING" or lc == "DELETED" then
    return result("Progressing", "being deleted (" .. lc .. ")")
  end

  -- A spec the operator has not accepted yet. With an error this is almost always a rejected
  -- spec (validation), which no amount of waiting fixes.
  if status.observedGeneration ~= nil and meta.generation ~= nil and status.observedGeneration ~= meta.generation then
    if err ~= "" then
      return result("Degraded", "spec generation " .. int(meta.generation) .. " not applied: " .. err)
    end
    return result("Progressing", "waiting for the operator to reconcile spec generation " .. int(meta.generation) ..
      " (observed " .. int(status.observedGeneration) .. ")")
  end

  if lc == "FAILED" then
    return result("Degraded", with_error("job failed terminally", err) .. "; fix the cause and push a spec change (a manual restore may be needed)")
  end
  if lc == "ROLLING_BACK" then
    return result("Degraded", with_error("the new spec did not become stable; rolling back to the last stable spec", err))
  end
  if lc == "ROLLED_BACK" then
    return result("Degraded", with_error("rolled back to the last stable spec; the spec in Git is not running", err))
  end
  if lc == "SUSPENDED" then
    return result("Suspended", "job suspended (spec.job.state: suspended); set it to running to resume")
  end
  if lc == "CREATED" then
    return result("Progressing", "created: waiting for the operator to deploy it")
  end
  if lc == "UPGRADING" then
    return result("Progressing", "upgrading to the new spec (JobManager " .. jm .. ", job " .. job .. ")")
  end

  if jm == "ERROR" then
    return result("Degraded", with_error("JobManager deployment failed", err))
  end
  if jm == "MISSING" then
    return result("Degraded", with_error("JobManager deployment missing", err))
  end
  if job == "FAILING" or job == "FAILED" then
    return result("Degraded", with_error("job " .. job, err))
  end
  if job == "CANCELED" then
    return result("Degraded", "job CANCELED outside the operator; push a spec change (e.g. restartNonce) to redeploy it")
  end
  if jm == "DEPLOYING" or jm == "DEPLOYED_NOT_READY" then
    return result("Progressing", "JobManager " .. jm .. ": waiting for it to become READY")
  end
  if moving[job] then
    return result("Progressing", "job " .. job)
  end
  if lc == "DEPLOYED" then
    return result("Progressing", "deployed, job " .. job .. ": waiting for the operator to mark the spec STABLE")
  end

  if jm == "READY" and (job == "RUNNING" or job == "FINISHED" or job == "") then
    local what = "job " .. job
    if job == "" then what = "session cluster ready" end
    local text = what
    if lc ~= "" then text = text .. " (" .. lc .. ")" end
    if err ~= "" then text = text .. "; last operator error: " .. err end
    return result("Healthy", text)
  end
  return result("Progressing", "waiting for the operator (lifecycle " .. lc .. ", JobManager " .. jm .. ", job " .. job .. ")")
end

return health(obj)
